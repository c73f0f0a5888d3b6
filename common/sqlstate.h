// The one table of PostgreSQL SQLSTATE codes Basalt raises (PostgreSQL's
// errcodes.txt names). Errors carry one of these from the moment they are
// raised; protocol/error_response.cc turns them into ErrorResponse fields.
#pragma once

#include <string_view>

namespace basalt::sqlstate {

using Code = std::string_view;

inline constexpr Code kSuccessfulCompletion = "00000";
inline constexpr Code kWarning = "01000";
// Class 08 — Connection Exception
inline constexpr Code kConnectionException = "08000";
inline constexpr Code kProtocolViolation = "08P01";
// Class 0A — Feature Not Supported
inline constexpr Code kFeatureNotSupported = "0A000";
// Class 21 — Cardinality Violation
inline constexpr Code kCardinalityViolation = "21000";
// Class 22 — Data Exception
inline constexpr Code kDataException = "22000";
inline constexpr Code kStringDataRightTruncation = "22001";
inline constexpr Code kNumericValueOutOfRange = "22003";
inline constexpr Code kNullValueNotAllowed = "22004";
inline constexpr Code kInvalidDatetimeFormat = "22007";
inline constexpr Code kDatetimeFieldOverflow = "22008";
inline constexpr Code kInvalidTimeZoneDisplacementValue = "22009";
inline constexpr Code kSubstringError = "22011";
inline constexpr Code kDivisionByZero = "22012";
inline constexpr Code kIntervalFieldOverflow = "22015";
inline constexpr Code kInvalidParameterValue = "22023";
inline constexpr Code kSequenceGeneratorLimitExceeded = "2200H";
inline constexpr Code kCharacterNotInRepertoire = "22021";
inline constexpr Code kArraySubscriptError = "2202E";
inline constexpr Code kUntranslatableCharacter = "22P05";
inline constexpr Code kInvalidEscapeSequence = "22025";
inline constexpr Code kInvalidUseOfEscapeCharacter = "2200C";
inline constexpr Code kInvalidArgumentForLogarithm = "2201E";
inline constexpr Code kInvalidArgumentForPowerFunction = "2201F";
inline constexpr Code kInvalidArgumentForWidthBucket = "2201G";
inline constexpr Code kInvalidRegularExpression = "2201B";
inline constexpr Code kInvalidTextRepresentation = "22P02";
inline constexpr Code kInvalidBinaryRepresentation = "22P03";
inline constexpr Code kBadCopyFileFormat = "22P04";
inline constexpr Code kInvalidRowCountInLimitClause = "2201W";
inline constexpr Code kInvalidRowCountInResultOffsetClause = "2201X";
inline constexpr Code kInvalidPrecedingOrFollowingSize = "22013";
inline constexpr Code kInvalidArgumentForNtile = "22014";
inline constexpr Code kInvalidArgumentForNthValue = "22016";
// Class 23 — Integrity Constraint Violation
inline constexpr Code kIntegrityConstraintViolation = "23000";
inline constexpr Code kNotNullViolation = "23502";
inline constexpr Code kForeignKeyViolation = "23503";
inline constexpr Code kUniqueViolation = "23505";
inline constexpr Code kCheckViolation = "23514";
// Class 25 — Invalid Transaction State
inline constexpr Code kActiveSqlTransaction = "25001";
inline constexpr Code kNoActiveSqlTransaction = "25P01";
inline constexpr Code kInFailedSqlTransaction = "25P02";
inline constexpr Code kIdleInTransactionSessionTimeout = "25P03";
inline constexpr Code kReadOnlySqlTransaction = "25006";
// Class 26 — Invalid SQL Statement Name
inline constexpr Code kInvalidSqlStatementName = "26000";
// Class 28 — Invalid Authorization Specification
inline constexpr Code kInvalidAuthorizationSpecification = "28000";
inline constexpr Code kInvalidPassword = "28P01";
// Class 2B — Dependent Privilege Descriptors Still Exist
inline constexpr Code kDependentObjectsStillExist = "2BP01";
// Class 34 — Invalid Cursor Name
inline constexpr Code kInvalidCursorName = "34000";
// Class 3B — Savepoint Exception
inline constexpr Code kInvalidSavepointSpecification = "3B001";
// Class 3D — Invalid Catalog Name
inline constexpr Code kInvalidCatalogName = "3D000";
// Class 3F — Invalid Schema Name
inline constexpr Code kInvalidSchemaName = "3F000";
// Class 40 — Transaction Rollback
inline constexpr Code kSerializationFailure = "40001";
inline constexpr Code kDeadlockDetected = "40P01";
// Class 44 — WITH CHECK OPTION Violation
inline constexpr Code kWithCheckOptionViolation = "44000";
// Class 42 — Syntax Error or Access Rule Violation
inline constexpr Code kSyntaxError = "42601";
inline constexpr Code kInsufficientPrivilege = "42501";
inline constexpr Code kGroupingError = "42803";
inline constexpr Code kInvalidColumnReference = "42P10";
inline constexpr Code kWindowingError = "42P20";
inline constexpr Code kInvalidForeignKey = "42830";
inline constexpr Code kDatatypeMismatch = "42804";
inline constexpr Code kWrongObjectType = "42809";
inline constexpr Code kUndefinedColumn = "42703";
inline constexpr Code kUndefinedFunction = "42883";
inline constexpr Code kUndefinedTable = "42P01";
inline constexpr Code kUndefinedObject = "42704";
inline constexpr Code kGeneratedAlways = "428C9";
inline constexpr Code kUndefinedParameter = "42P02";
inline constexpr Code kDuplicateColumn = "42701";
inline constexpr Code kDuplicateDatabase = "42P04";
inline constexpr Code kDuplicateSchema = "42P06";
inline constexpr Code kDuplicateTable = "42P07";
inline constexpr Code kDuplicateObject = "42710";
inline constexpr Code kReservedName = "42939";
inline constexpr Code kDuplicateCursor = "42P03";
inline constexpr Code kInvalidCursorDefinition = "42P11";
inline constexpr Code kInvalidCursorState = "24000";
inline constexpr Code kDuplicatePreparedStatement = "42P05";
inline constexpr Code kAmbiguousColumn = "42702";
inline constexpr Code kDuplicateAlias = "42712";
inline constexpr Code kAmbiguousFunction = "42725";
inline constexpr Code kIndeterminateDatatype = "42P18";
inline constexpr Code kCannotCoerce = "42846";
inline constexpr Code kInvalidTableDefinition = "42P16";
inline constexpr Code kInvalidObjectDefinition = "42P17";
inline constexpr Code kInvalidSchemaDefinition = "42P15";
inline constexpr Code kInvalidColumnDefinition = "42611";
inline constexpr Code kInvalidName = "42602";
inline constexpr Code kNameTooLong = "42622";
// Class 53 — Insufficient Resources
inline constexpr Code kOutOfMemory = "53200";
inline constexpr Code kTooManyConnections = "53300";
// Class 54 — Program Limit Exceeded
inline constexpr Code kProgramLimitExceeded = "54000";
inline constexpr Code kStatementTooComplex = "54001";  // also "stack depth limit exceeded"
inline constexpr Code kTooManyColumns = "54011";
inline constexpr Code kTooManyArguments = "54023";
// Class 55 — Object Not In Prerequisite State
inline constexpr Code kObjectNotInPrerequisiteState = "55000";
inline constexpr Code kObjectInUse = "55006";
inline constexpr Code kLockNotAvailable = "55P03";
// Class 57 — Operator Intervention
inline constexpr Code kQueryCanceled = "57014";
inline constexpr Code kAdminShutdown = "57P01";
inline constexpr Code kCannotConnectNow = "57P03";
// Class 58 — System Error
inline constexpr Code kIoError = "58030";
// Class F0 — Configuration File Error
inline constexpr Code kConfigFileError = "F0000";
inline constexpr Code kLockFileExists = "F0001";
// Class XX — Internal Error
inline constexpr Code kInternalError = "XX000";
inline constexpr Code kDataCorrupted = "XX001";
inline constexpr Code kIndexCorrupted = "XX002";

}  // namespace basalt::sqlstate
