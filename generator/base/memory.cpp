#include "base/memory.h"

#include <sys/prctl.h>

namespace kiosk {

void AllowLargePages(bool allow) {
  // Only a hint: if the kernel refuses, the build is the same, with more page faults or a
  // higher peak.
  prctl(PR_SET_THP_DISABLE, allow ? 0 : 1, 0, 0, 0);
}

}  // namespace kiosk
