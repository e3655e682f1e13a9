# Sources of the accessibility checker (kiosk check), compiled into kiosk_core.
target_sources(kiosk_core PRIVATE
  check/css.cpp
  check/html_document.cpp
)
