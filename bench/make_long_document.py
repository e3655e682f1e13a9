#!/usr/bin/env python3
"""Writes a long plan as .docx and .odt for `bench/import.sh`: PAGES pages, each a heading,
three paragraphs of Chinese text, a numbered list and a table of six rows whose first column
is merged down (about what one printed page of a service plan holds)."""

import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = "依據「政府服務躍升方案」訂定本所工作計畫，公布於機關網站，並適時檢討改進流程與作業方式。" * 3


def docx(pages, path):
    body = []
    for page in range(pages):
        body.append('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>第 %d 項、提升服務</w:t></w:r></w:p>' % (page + 1))
        body += ['<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % TEXT] * 3
        body += ['<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>' % TEXT[:40]] * 3
        rows = []
        for row in range(6):
            first = '<w:tc><w:tcPr><w:vMerge%s/></w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % (
                ' w:val="restart"' if row == 0 else "", "一、完備基礎服務項目" if row == 0 else "")
            rows.append('<w:tr>%s<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>各課室</w:t></w:r></w:p></w:tc></w:tr>' % (first, TEXT[:60]))
        body.append('<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
                    '<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>執行要領</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>具體作法</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>執行單位</w:t></w:r></w:p></w:tc></w:tr>'
                    + "".join(rows) + '</w:tbl>')
    document = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, "".join(body))
    numbering = ('<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="%s"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % W)
    styles = ('<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="%s"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>' % W)
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", rels % '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>')
        z.writestr("word/_rels/document.xml.rels", rels % (
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'))
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", styles)
        z.writestr("word/numbering.xml", numbering)


def odt(pages, path):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
    body = []
    for page in range(pages):
        body.append('<text:h text:outline-level="1">第 %d 項、提升服務</text:h>' % (page + 1))
        body += ['<text:p>%s</text:p>' % TEXT] * 3
        body.append('<text:list text:style-name="L1">%s</text:list>' % ("<text:list-item><text:p>%s</text:p></text:list-item>" % TEXT[:40] * 3))
        rows = ['<table:table-row><table:table-cell table:number-rows-spanned="6"><text:p>一、完備基礎服務項目</text:p></table:table-cell>'
                '<table:table-cell><text:p>%s</text:p></table:table-cell><table:table-cell><text:p>各課室</text:p></table:table-cell></table:table-row>' % TEXT[:60]]
        rows += ['<table:table-row><table:covered-table-cell/><table:table-cell><text:p>%s</text:p></table:table-cell>'
                 '<table:table-cell><text:p>各課室</text:p></table:table-cell></table:table-row>' % TEXT[:60]] * 5
        body.append('<table:table><table:table-column table:number-columns-repeated="3"/><table:table-header-rows><table:table-row>'
                    '<table:table-cell><text:p>執行要領</text:p></table:table-cell><table:table-cell><text:p>具體作法</text:p></table:table-cell>'
                    '<table:table-cell><text:p>執行單位</text:p></table:table-cell></table:table-row></table:table-header-rows>%s</table:table>' % "".join(rows))
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s><office:automatic-styles><text:list-style style:name="L1">'
               '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style></office:automatic-styles>'
               '<office:body><office:text>%s</office:text></office:body></office:document-content>' % (ns, "".join(body)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)


if __name__ == "__main__":
    pages = int(sys.argv[1])
    docx(pages, sys.argv[2] + ".docx")
    odt(pages, sys.argv[2] + ".odt")
