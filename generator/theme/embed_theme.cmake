# Writes a C++ source holding every file of the default theme as bytes.
# Usage: cmake -DTHEME_DIR=... -DOUTPUT=... -P embed_theme.cmake
file(GLOB_RECURSE files RELATIVE "${THEME_DIR}" "${THEME_DIR}/*")
list(SORT files)
set(body "")
set(table "")
set(index 0)
foreach(path IN LISTS files)
  file(READ "${THEME_DIR}/${path}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "static const char kFile${index}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"${path}\", std::string_view(kFile${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from themes/default by embed_theme.cmake. Do not edit.
#include \"theme/embedded_theme.h\"

namespace kiosk {
namespace {
${body}}  // namespace

const std::vector<EmbeddedFile>& DefaultThemeFiles() {
  static const std::vector<EmbeddedFile> files = {
${table}  };
  return files;
}

}  // namespace kiosk
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
