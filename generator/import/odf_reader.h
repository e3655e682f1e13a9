// Reads an .odt (ODF 1.2/1.3 text, as LibreOffice writes it) into the document model:
// content.xml streamed, with the styles of styles.xml and content.xml, and meta.xml's title.
#pragma once

#include <string>

#include "base/result.h"
#include "import/document.h"
#include "import/zip_archive.h"

namespace kiosk::import {

// The archive's ODF media type ("application/vnd.oasis.opendocument.text"), or empty when it
// is not an ODF document.
std::string OdfMediaType(ZipArchive& archive);

// Warnings (what was left out or could not be kept) go to `warnings`; an error when the
// document cannot be read at all, or is encrypted.
Result<Document> ReadOdf(ZipArchive& archive, Diagnostics& warnings);

}  // namespace kiosk::import
