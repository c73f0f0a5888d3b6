// Text forms of the types of pg_catalog's columns, as PostgreSQL 15 prints
// them (`select '1 2'::int2vector`, `select '{a,"b c"}'::name[]`, ...).
#include <catch2/catch.hpp>

#include "common/cast.h"
#include "common/object_names.h"
#include "common/value_binary.h"
#include "common/value_text.h"

namespace basalt {
namespace {

std::string RoundTrip(std::string_view text, TypeId type) {
  auto v = ValueFromText(text, DataType::Of(type));
  REQUIRE(v.ok());
  return ValueToText(*v, DataType::Of(type));
}

// A catalog of one relation, "t" (OID 16384), for the reg* types.
class OneRelation : public ObjectNames {
 public:
  std::optional<std::string> Name(TypeId type, Oid oid) const override {
    if (type == TypeId::kRegclass && oid == 16384) return "t";
    return std::nullopt;
  }
  Result<Oid> Lookup(TypeId type, std::string_view text) const override {
    if (type == TypeId::kRegclass && text == "t") return Oid{16384};
    return Status::Error(sqlstate::kUndefinedTable,
                         "relation \"" + std::string(text) + "\" does not exist");
  }
  // One role, "basalt" (10), for aclitem; another, "Mixed Case" (20).
  std::optional<std::string> RoleName(Oid oid) const override {
    if (oid == 10) return "basalt";
    if (oid == 20) return "Mixed Case";
    return std::nullopt;
  }
  std::optional<Oid> RoleOid(std::string_view name) const override {
    if (name == "basalt") return Oid{10};
    if (name == "Mixed Case") return Oid{20};
    return std::nullopt;
  }
};

TEST_CASE("name and \"char\" read and print as PostgreSQL's namein and charin") {
  CHECK(RoundTrip("pg_class", TypeId::kName) == "pg_class");
  CHECK(RoundTrip(std::string(70, 'a'), TypeId::kName) == std::string(63, 'a'));
  CHECK(RoundTrip("rel", TypeId::kChar) == "r");
  CHECK(RoundTrip("", TypeId::kChar).empty());
}

TEST_CASE("int2vector and oidvector print their elements separated by spaces") {
  CHECK(RoundTrip("1 2", TypeId::kInt2Vector) == "1 2");
  CHECK(RoundTrip(" 3  1 ", TypeId::kInt2Vector) == "3 1");
  CHECK(RoundTrip("", TypeId::kOidVector).empty());
  CHECK(RoundTrip("23 25", TypeId::kOidVector) == "23 25");
}

TEST_CASE("arrays of the catalog types print as array_out") {
  CHECK(RoundTrip("{pg_catalog,public}", TypeId::kNameArray) == "{pg_catalog,public}");
  CHECK(RoundTrip("{a,\"b c\",NULL,\"\"}", TypeId::kTextArray) == "{a,\"b c\",NULL,\"\"}");
  CHECK(RoundTrip("{1,2}", TypeId::kInt2Array) == "{1,2}");
  CHECK(RoundTrip("{t,f}", TypeId::kBoolArray) == "{t,f}");
  CHECK(RoundTrip("{}", TypeId::kOidArray) == "{}");
}

TEST_CASE("arrays cast element by element: name[] to text[]") {
  auto names = ValueFromText("{a,b}", DataType::Of(TypeId::kNameArray));
  REQUIRE(names.ok());
  auto text = CastValue(*names, DataType::Of(TypeId::kNameArray), DataType::Of(TypeId::kTextArray),
                        CastContext::kImplicit);
  REQUIRE(text.ok());
  CHECK(ValueToText(*text, DataType::Of(TypeId::kTextArray)) == "{a,b}");
}

TEST_CASE("reg* values print through the thread's catalog names") {
  const DataType regclass = DataType::Of(TypeId::kRegclass);
  // Without a catalog: the OID; InvalidOid is "-".
  CHECK(ValueToText(Value::Int(16384), regclass) == "16384");
  CHECK(ValueToText(Value::Int(0), regclass) == "-");
  CHECK(ValueToText(Value::Int(23), DataType::Of(TypeId::kRegtype)) == "integer");
  OneRelation names;
  ScopedObjectNames scope(&names);
  CHECK(ValueToText(Value::Int(16384), regclass) == "t");
  CHECK(ValueToText(Value::Int(16385), regclass) == "16385");
  auto t = ValueFromText("t", regclass);
  REQUIRE(t.ok());
  CHECK(t->AsInt() == 16384);
  CHECK(ValueFromText("16385", regclass)->AsInt() == 16385);
  CHECK(ValueFromText("u", regclass).status().code() == sqlstate::kUndefinedTable);
}

TEST_CASE("catalog arrays round-trip through the binary format") {
  const DataType type = DataType::Of(TypeId::kNameArray);
  auto v = ValueFromText("{a,NULL,bc}", type);
  REQUIRE(v.ok());
  auto back = ValueFromBinary(ValueToBinary(*v, type), type);
  REQUIRE(back.ok());
  CHECK(ValueToText(*back, type) == "{a,NULL,bc}");
}

TEST_CASE("aclitem reads and prints as PostgreSQL's aclitemin and aclitemout") {
  OneRelation names;
  ScopedObjectNames scope(&names);
  CHECK(RoundTrip("basalt=arwdDxt/basalt", TypeId::kAclItem) == "basalt=arwdDxt/basalt");
  CHECK(RoundTrip("=U/basalt", TypeId::kAclItem) == "=U/basalt");
  CHECK(RoundTrip("\"Mixed Case\"=r*w/basalt", TypeId::kAclItem) == "\"Mixed Case\"=r*w/basalt");
  CHECK(RoundTrip("{=Tc/basalt,basalt=CTc/basalt}", TypeId::kAclItemArray) ==
        "{=Tc/basalt,basalt=CTc/basalt}");
  CHECK(RoundTrip("{}", TypeId::kAclItemArray) == "{}");
  CHECK(!ValueFromText("basalt=q/basalt", DataType::Of(TypeId::kAclItem)).ok());
  CHECK(!ValueFromText("nobody=r/basalt", DataType::Of(TypeId::kAclItem)).ok());
}

}  // namespace
}  // namespace basalt
