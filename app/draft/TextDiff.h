#pragma once

#include <QString>
#include <QVector>

namespace penpal {

// One run of a diff: text both sides share, or text only the new (Insert) or the old
// (Delete) side has.
struct DiffOp {
    enum class Kind { Equal, Insert, Delete };
    Kind kind = Kind::Equal;
    QString text;
    bool operator==(const DiffOp &o) const { return kind == o.kind && text == o.text; }
};

// The difference between two texts as a proposal shows it. Pure. Latin (and other spaced)
// scripts are compared word by word (a word, a run of whitespace, or one punctuation mark is
// a token); CJK text character by character, so a changed character in a Chinese sentence
// does not mark the whole sentence. Adjacent runs of the same kind are merged; Deletes come
// before Inserts where both replace the same place. Concatenating the Equal+Delete texts
// gives `before`, Equal+Insert gives `after`.
class TextDiff {
public:
    static QVector<DiffOp> compute(const QString &before, const QString &after);
    // The tokens compute() compares (exposed for tests).
    static QStringList tokenize(const QString &text);
};

} // namespace penpal
