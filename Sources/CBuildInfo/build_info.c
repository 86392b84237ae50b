// What `dxskills --version` prints. scripts/release.sh writes .build-info/version.inc at the top
// of the source tree (ignored by git) from `git describe` before a release build, and touches this
// file, so that only it is compiled again.
#if __has_include("../../.build-info/version.inc")
#include "../../.build-info/version.inc"
#endif

#ifndef DXSKILLS_VERSION
#define DXSKILLS_VERSION "dev"
#endif
#ifndef DXSKILLS_COMMIT
#define DXSKILLS_COMMIT "unknown"
#endif
#ifndef DXSKILLS_BUILD_DATE
#define DXSKILLS_BUILD_DATE "unknown"
#endif

#include "build_info.h"

const char *dxskills_build_version(void) { return DXSKILLS_VERSION; }
const char *dxskills_build_commit(void) { return DXSKILLS_COMMIT; }
const char *dxskills_build_date(void) { return DXSKILLS_BUILD_DATE; }
