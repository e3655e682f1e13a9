# Writes a C++ source holding every file of a folder as bytes, for kiosk to carry in its
# binary (the default theme, the files `kiosk new` makes).
# Usage: cmake -DDIR=... -DOUTPUT=... -DHEADER=theme/embedded_theme.h
#              -DFUNCTION=DefaultThemeFiles -P embed_files.cmake
file(GLOB_RECURSE files RELATIVE "${DIR}" "${DIR}/*")
list(SORT files)
set(body "")
set(table "")
set(index 0)
foreach(path IN LISTS files)
  file(READ "${DIR}/${path}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "static const char kFile${index}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"${path}\", std::string_view(kFile${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${DIR} by embed_files.cmake. Do not edit.
#include \"${HEADER}\"

namespace kiosk {
namespace {
${body}}  // namespace

const std::vector<EmbeddedFile>& ${FUNCTION}() {
  static const std::vector<EmbeddedFile> files = {
${table}  };
  return files;
}

}  // namespace kiosk
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
