#pragma once

#include <QTextDocument>

namespace penpal {

// A QTextDocument for untrusted model output: it never loads a resource. QTextDocument's
// default loadResource() reads local files named by image URLs; here every image becomes a
// neutral placeholder and nothing is read from disk or the network.
class SafeTextDocument : public QTextDocument {
    Q_OBJECT
public:
    using QTextDocument::QTextDocument;

    // GitHub-flavoured Markdown with raw HTML switched off.
    void setSafeMarkdown(const QString &markdown);

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace penpal
