#include "sql/engine.h"
