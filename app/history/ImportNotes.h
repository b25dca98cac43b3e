#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace penpal {

// What an import could not carry over as it was, counted so that the summary can say so:
// nothing is dropped without a trace.
struct ImportNotes {
    QMap<QString, int> unsupportedTypes; // content type -> messages noted "[Unsupported ...]"
    int imagesNotImported = 0;           // image parts replaced by "[Image not imported: ...]"
    int unreachableMessages = 0;         // nodes not connected to a root (a broken tree)

    void merge(const ImportNotes &o)
    {
        for (auto it = o.unsupportedTypes.cbegin(); it != o.unsupportedTypes.cend(); ++it)
            unsupportedTypes[it.key()] += it.value();
        imagesNotImported += o.imagesNotImported;
        unreachableMessages += o.unreachableMessages;
    }
    bool isEmpty() const
    {
        return unsupportedTypes.isEmpty() && imagesNotImported == 0 && unreachableMessages == 0;
    }
    // One English sentence per kind of note (core strings; the dialog shows them as they are).
    QStringList describe() const
    {
        QStringList lines;
        for (auto it = unsupportedTypes.cbegin(); it != unsupportedTypes.cend(); ++it) {
            lines << QStringLiteral(
                         "%1 message part(s) of unsupported content type \"%2\" were noted in the text.")
                         .arg(it.value())
                         .arg(it.key());
        }
        if (imagesNotImported > 0)
            lines << QStringLiteral("%1 image(s) were not imported (noted in the text).")
                         .arg(imagesNotImported);
        if (unreachableMessages > 0)
            lines << QStringLiteral("%1 message(s) not connected to their conversation were left out.")
                         .arg(unreachableMessages);
        return lines;
    }
};

} // namespace penpal
