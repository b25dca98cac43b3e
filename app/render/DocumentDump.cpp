#include "DocumentDump.h"

#include <QDebug>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

namespace penpal {

namespace {

QString properties(const QTextFormat &format)
{
    QString out;
    QDebug dbg(&out);
    dbg.nospace();
    const QMap<int, QVariant> props = format.properties();
    for (auto it = props.cbegin(); it != props.cend(); ++it)
        dbg << " " << Qt::hex << it.key() << Qt::dec << "=" << it.value();
    return out;
}

void dumpBlock(const QTextBlock &block, QString &out, const QString &indent)
{
    out += indent + QLatin1String("block") + properties(block.blockFormat());
    if (const QTextList *list = block.textList())
        out += QStringLiteral(" list[%1/%2]").arg(list->itemNumber(block)).arg(list->count()) +
               properties(list->format());
    out += QLatin1Char('\n');
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        out += indent + QLatin1String("  \"") + f.text() + QLatin1Char('"') + properties(f.charFormat()) +
               QLatin1Char('\n');
    }
}

void dumpFrame(const QTextFrame *frame, QString &out, const QString &indent)
{
    const auto *table = qobject_cast<const QTextTable *>(frame);
    if (table)
        out += indent + QStringLiteral("table %1x%2").arg(table->rows()).arg(table->columns());
    else
        out += indent + QLatin1String("frame");
    out += properties(frame->frameFormat()) + QLatin1Char('\n');
    for (auto it = frame->begin(); !it.atEnd(); ++it) {
        if (const QTextFrame *child = it.currentFrame()) {
            dumpFrame(child, out, indent + QLatin1String("  "));
            continue;
        }
        const QTextBlock block = it.currentBlock();
        if (table) {
            const QTextTableCell cell = table->cellAt(block.position());
            out += indent +
                   QStringLiteral("  cell %1,%2 span %3x%4")
                       .arg(cell.row())
                       .arg(cell.column())
                       .arg(cell.rowSpan())
                       .arg(cell.columnSpan()) +
                   properties(cell.format()) + QLatin1Char('\n');
        }
        dumpBlock(block, out, indent + QLatin1String("  "));
    }
}

} // namespace

QString DocumentDump::dump(const QTextDocument &doc)
{
    QString out;
    dumpFrame(doc.rootFrame(), out, QString());
    return out;
}

} // namespace penpal
