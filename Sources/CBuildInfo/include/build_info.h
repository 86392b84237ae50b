#ifndef DXSKILLS_BUILD_INFO_H
#define DXSKILLS_BUILD_INFO_H

/// The version, commit and build date that `make release` wrote into version.inc, or "dev" and
/// "unknown" for a build of a source tree (`swift build`).
const char *dxskills_build_version(void);
const char *dxskills_build_commit(void);
const char *dxskills_build_date(void);

#endif
