// How the process asks the kernel for memory.
#pragma once

namespace kiosk {

// Whether memory touched from now on may be backed by 2 MB pages where the allocator asks
// for them (kiosk's does: cli/main.cpp). An incremental build sets up its whole site model
// at once and exits, and large pages halve its page faults; a full build frees each page's
// memory as it goes on, and large pages would hold freed memory longer and raise its peak.
// The setting is the whole process's: `kiosk build` lets a build set it once it knows which
// kind it is (BuildOptions::large_pages_when_incremental).
void AllowLargePages(bool allow);

}  // namespace kiosk
