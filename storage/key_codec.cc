#include "storage/key_codec.h"
