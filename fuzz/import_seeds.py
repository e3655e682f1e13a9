#!/usr/bin/env python3
"""Writes the test documents as seeds of the import fuzz target (fuzz/import_fuzz.cpp).

Each .odt and .docx under the given folders becomes the parts kiosk reads, as text, each
after a line "==> NAME <==", with a part "--type" naming the page type its file name says;
the documents in a folder named bad/ are copied as they are. Word's latent and table
styles are left out, to keep each seed small enough to mutate.

    fuzz/import_seeds.py OUT_FOLDER tests/import/documents
"""
import pathlib
import re
import sys
import zipfile

# The parts kiosk import reads; the rest of an archive (settings, themes, fonts) it ignores.
READ = re.compile(r"mimetype|content\.xml|styles\.xml|meta\.xml|META-INF/manifest\.xml"
                  r"|\[Content_Types\]\.xml|_rels/\.rels|docProps/core\.xml"
                  r"|word/(document|styles|numbering|footnotes|endnotes)\.xml"
                  r"|word/_rels/document\.xml\.rels|(word/)?media/.*|Pictures/.*")
# Word's latent styles and table styles: most of a styles.xml, and not what a seed is for.
UNREAD_STYLES = re.compile(rb"<w:latentStyles\b.*?</w:latentStyles>"
                           rb"|<w:style w:type=\"table\".*?</w:style>", re.S)


def page_type(name):
    for word, type_ in (("plan", "plan"), ("sop", "sop"), ("faq", "faq")):
        if word in name:
            return type_
    return "page"


def main(out, folders):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        for path in sorted(pathlib.Path(folder).rglob("*")):
            if not path.is_file():
                continue
            seed = out / "-".join(path.relative_to(folder).parts)
            if "bad" in path.parts:  # a bad document: as the user has it
                seed.write_bytes(path.read_bytes())
                continue
            archive = zipfile.ZipFile(path)
            text = b"==> --type <==\n" + page_type(path.name).encode() + b"\n"
            for info in archive.infolist():
                if READ.fullmatch(info.filename):
                    data = UNREAD_STYLES.sub(b"", archive.read(info))
                    text += b"==> " + info.filename.encode() + b" <==\n" + data + b"\n"
            seed.with_name(seed.name + ".parts").write_bytes(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
