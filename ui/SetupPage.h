#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace penpal {

class AppContext;
class ProfileEditor;

// Shown on first start, when no provider profile exists: pick a preset (OpenAI, Ollama on
// this computer, a custom URL), enter a key if needed, and start chatting.
class SetupPage : public QWidget {
    Q_OBJECT
public:
    explicit SetupPage(AppContext *ctx, QWidget *parent = nullptr);
    ProfileEditor *editor() const { return m_editor; }

public Q_SLOTS:
    void finish();

Q_SIGNALS:
    void finished(const QString &profileId);

private:
    AppContext *m_ctx;
    ProfileEditor *m_editor;
    QLabel *m_error;
    QPushButton *m_start;
};

} // namespace penpal
