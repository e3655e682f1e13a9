// Reads a .docx (OOXML WordprocessingML, as Word and LibreOffice write it) into the document
// model: the main part streamed, with its styles, numbering, notes, links and images.
#pragma once

#include "base/result.h"
#include "import/document.h"
#include "import/zip_archive.h"

namespace kiosk::import {

// Whether the archive is a WordprocessingML document (it has [Content_Types].xml and a
// main document part).
bool IsOoxmlDocument(const ZipArchive& archive);

// Warnings (what was left out or could not be kept) go to `warnings`; an error only when
// the document cannot be read at all. Images are listed with the part holding them.
Result<Document> ReadOoxml(ZipArchive& archive, Diagnostics& warnings);

}  // namespace kiosk::import
