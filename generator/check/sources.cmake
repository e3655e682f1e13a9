# Sources of the accessibility checker (kiosk check), compiled into kiosk_core.
target_sources(kiosk_core PRIVATE
  check/aria_in_html.cpp
  check/checker.cpp
  check/css.cpp
  check/html_document.cpp
  check/lang_tag.cpp
  check/page_check.cpp
  check/page_context.cpp
  check/report.cpp
  check/rules.cpp
  check/rules_content.cpp
  check/rules_css.cpp
  check/rules_page.cpp
  check/rules_structure.cpp
  check/style.cpp
)
