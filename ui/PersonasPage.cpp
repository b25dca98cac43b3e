#include "PersonasPage.h"

#include "chat/AppContext.h"
#include "core/Persona.h"
#include "core/SavedPrompt.h"
#include "store/LibraryJson.h"
#include "store/Store.h"

#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QVBoxLayout>

namespace penpal {

PersonasPage::PersonasPage(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("personasPage"));
    auto *tabs = new QTabWidget(this);
    tabs->addTab(buildPersonaTab(), tr("Personas"));
    tabs->addTab(buildPromptTab(), tr("Prompts"));
    auto *importButton = new QPushButton(tr("&Import…"), this);
    importButton->setObjectName(QStringLiteral("libraryImportButton"));
    auto *exportButton = new QPushButton(tr("E&xport…"), this);
    exportButton->setObjectName(QStringLiteral("libraryExportButton"));
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(importButton);
    row->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addLayout(row);
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Personas and Prompts"), QString(),
                                                          tr("JSON files (*.json)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export Personas and Prompts"),
                                         QStringLiteral("penpal-library.json"), tr("JSON files (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    connect(ctx->store(), &Store::personasChanged, this, &PersonasPage::reload);
    connect(ctx->store(), &Store::promptsChanged, this, &PersonasPage::reload);
    reload();
}

QWidget *PersonasPage::buildPersonaTab()
{
    auto *tab = new QWidget;
    m_personas = new QListWidget(tab);
    m_personas->setObjectName(QStringLiteral("personasList"));
    m_personaName = new QLineEdit(tab);
    m_personaName->setObjectName(QStringLiteral("personaNameEdit"));
    m_personaIcon = new QLineEdit(tab);
    m_personaIcon->setObjectName(QStringLiteral("personaIconEdit"));
    m_personaIcon->setPlaceholderText(tr("An emoji, optional"));
    m_personaModel = new QLineEdit(tab);
    m_personaModel->setObjectName(QStringLiteral("personaModelEdit"));
    m_personaModel->setPlaceholderText(tr("Empty: the profile's model"));
    m_personaPrompt = new QPlainTextEdit(tab);
    m_personaPrompt->setObjectName(QStringLiteral("personaPromptEdit"));
    m_personaPrompt->setTabChangesFocus(true);
    auto *save = new QPushButton(tr("&Save"), tab);
    auto *add = new QPushButton(tr("Save as &New"), tab);
    auto *remove = new QPushButton(tr("&Delete"), tab);
    m_personaReset = new QPushButton(tr("&Reset"), tab);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_personaName);
    form->addRow(tr("Icon:"), m_personaIcon);
    form->addRow(tr("Model:"), m_personaModel);
    form->addRow(tr("System prompt:"), m_personaPrompt);
    form->addRow(new QLabel(tr("Variables: {{date}}, {{time}}, {{weekday}}, {{language}}, {{clipboard}}; "
                               "\"{{{{\" writes \"{{\"."),
                            tab));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {save, add, remove, m_personaReset})
        buttons->addWidget(b);
    form->addRow(buttons);
    auto *layout = new QHBoxLayout(tab);
    layout->addWidget(m_personas, 1);
    layout->addLayout(form, 2);
    connect(m_personas, &QListWidget::currentRowChanged, this, &PersonasPage::showPersona);
    connect(save, &QPushButton::clicked, this, [this] { savePersona(false); });
    connect(add, &QPushButton::clicked, this, [this] { savePersona(true); });
    connect(remove, &QPushButton::clicked, this,
            [this] { m_ctx->store()->deletePersona(currentId(m_personas)); });
    connect(m_personaReset, &QPushButton::clicked, this,
            [this] { m_ctx->store()->resetPersona(currentId(m_personas)); });
    return tab;
}

QWidget *PersonasPage::buildPromptTab()
{
    auto *tab = new QWidget;
    m_prompts = new QListWidget(tab);
    m_prompts->setObjectName(QStringLiteral("promptsList"));
    m_promptName = new QLineEdit(tab);
    m_promptName->setObjectName(QStringLiteral("promptNameEdit"));
    m_promptText = new QPlainTextEdit(tab);
    m_promptText->setObjectName(QStringLiteral("promptTextEdit"));
    m_promptText->setTabChangesFocus(true);
    auto *save = new QPushButton(tr("&Save"), tab);
    auto *add = new QPushButton(tr("Save as &New"), tab);
    auto *remove = new QPushButton(tr("&Delete"), tab);
    m_promptReset = new QPushButton(tr("&Reset"), tab);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_promptName);
    form->addRow(tr("Text:"), m_promptText);
    form->addRow(new QLabel(tr("Built-ins: {{date}}, {{time}}, {{weekday}}, {{language}}, {{clipboard}}, "
                               "{{selection}}; any other {{name}} is asked for when inserting."),
                            tab));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {save, add, remove, m_promptReset})
        buttons->addWidget(b);
    form->addRow(buttons);
    auto *layout = new QHBoxLayout(tab);
    layout->addWidget(m_prompts, 1);
    layout->addLayout(form, 2);
    connect(m_prompts, &QListWidget::currentRowChanged, this, &PersonasPage::showPrompt);
    connect(save, &QPushButton::clicked, this, [this] { savePrompt(false); });
    connect(add, &QPushButton::clicked, this, [this] { savePrompt(true); });
    connect(remove, &QPushButton::clicked, this,
            [this] { m_ctx->store()->deletePrompt(currentId(m_prompts)); });
    connect(m_promptReset, &QPushButton::clicked, this,
            [this] { m_ctx->store()->resetPrompt(currentId(m_prompts)); });
    return tab;
}

qint64 PersonasPage::currentId(const QListWidget *list) const
{
    const QListWidgetItem *item = list->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

void PersonasPage::reload()
{
    const qint64 persona = currentId(m_personas);
    const qint64 prompt = currentId(m_prompts);
    m_personas->clear();
    for (const Persona &p : m_ctx->store()->personas()) {
        auto *item =
            new QListWidgetItem(p.icon.isEmpty() ? p.name : p.icon + QLatin1Char(' ') + p.name, m_personas);
        item->setData(Qt::UserRole, p.id);
        if (p.id == persona)
            m_personas->setCurrentItem(item);
    }
    m_prompts->clear();
    for (const SavedPrompt &p : m_ctx->store()->prompts()) {
        auto *item = new QListWidgetItem(p.name, m_prompts);
        item->setData(Qt::UserRole, p.id);
        if (p.id == prompt)
            m_prompts->setCurrentItem(item);
    }
    if (!m_personas->currentItem() && m_personas->count() > 0)
        m_personas->setCurrentRow(0);
    if (!m_prompts->currentItem() && m_prompts->count() > 0)
        m_prompts->setCurrentRow(0);
    showPersona();
    showPrompt();
}

void PersonasPage::showPersona()
{
    const Persona p = m_ctx->store()->persona(currentId(m_personas));
    m_personaName->setText(p.name);
    m_personaIcon->setText(p.icon);
    m_personaModel->setText(p.model);
    m_personaPrompt->setPlainText(p.systemPrompt);
    m_personaReset->setEnabled(!p.builtinKey.isEmpty());
}

void PersonasPage::showPrompt()
{
    const SavedPrompt p = m_ctx->store()->prompt(currentId(m_prompts));
    m_promptName->setText(p.name);
    m_promptText->setPlainText(p.text);
    m_promptReset->setEnabled(!p.builtinKey.isEmpty());
}

void PersonasPage::savePersona(bool asNew)
{
    Persona p = asNew ? Persona() : m_ctx->store()->persona(currentId(m_personas));
    p.name = m_personaName->text().trimmed();
    if (p.name.isEmpty())
        return;
    p.icon = m_personaIcon->text().trimmed();
    p.model = m_personaModel->text().trimmed();
    p.systemPrompt = m_personaPrompt->toPlainText();
    m_ctx->store()->savePersona(p);
}

void PersonasPage::savePrompt(bool asNew)
{
    SavedPrompt p = asNew ? SavedPrompt() : m_ctx->store()->prompt(currentId(m_prompts));
    p.name = m_promptName->text().trimmed();
    if (p.name.isEmpty())
        return;
    p.text = m_promptText->toPlainText();
    m_ctx->store()->savePrompt(p);
}

void PersonasPage::exportTo(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(LibraryJson::write(m_ctx->store()->personas(), m_ctx->store()->prompts())) < 0 ||
        !file.commit())
        QMessageBox::warning(this, tr("Export"),
                             tr("The file could not be written: %1").arg(file.errorString()));
}

void PersonasPage::importFrom(const QString &path)
{
    QFile file(path);
    QVector<Persona> personas;
    QVector<SavedPrompt> prompts;
    QString error;
    if (!file.open(QIODevice::ReadOnly))
        error = file.errorString();
    else if (LibraryJson::read(file.readAll(), &personas, &prompts, &error) &&
             !m_ctx->store()->importLibrary(personas, prompts))
        error = m_ctx->store()->lastError();
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Import"), tr("The file could not be imported: %1").arg(error));
}

} // namespace penpal
