#include "catalog/proto/catalog.pb.h"
