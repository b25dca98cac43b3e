#pragma once

#include "translate/Glossary.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace penpal {

// Edits the term pairs of one language pair: a two-column table (term, translation) with
// Add and Remove, and CSV import and export for spreadsheets and other tools. Rows with an
// empty side are ignored when the glossary is read back; duplicates are refused on OK.
class GlossaryDialog : public QDialog {
    Q_OBJECT
public:
    GlossaryDialog(const QString &pairLabel, const Glossary &glossary, QWidget *parent = nullptr);

    Glossary glossary() const;
    void setGlossary(const Glossary &glossary);

    // Replaces the table with the file's terms; false (and the reason shown) on error.
    bool importCsv(const QString &path);
    bool exportCsv(const QString &path);

public Q_SLOTS:
    void accept() override;

private:
    void addRow(const QString &source = {}, const QString &target = {});
    QString validate() const; // empty when the table is fine

    QTableWidget *m_table;
    QLabel *m_message;
};

} // namespace penpal
