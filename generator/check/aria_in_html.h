// Internal to the checker: the roles an HTML element may take, as ARIA in HTML
// (https://www.w3.org/TR/html-aria/) allows them. Not for use outside generator/check/.
#pragma once

#include <string_view>

#include "check/html_document.h"

namespace kiosk::check {

// Whether `element` may carry role="`role`" (a known WAI-ARIA role, lower case): its own
// implicit role is always allowed, however redundant. `named`: whether the element has an
// accessible name, which lets an <img> without alt text take the roles of one with it.
bool RoleAllowed(const HtmlNode& element, std::string_view role, bool named);

}  // namespace kiosk::check
