#ifndef CIVICGUARD_CLIBYAML_SHIM_H
#define CIVICGUARD_CLIBYAML_SHIM_H

#include <yaml.h>

#endif
