#pragma once

#include <QDialog>

class QListWidget;

namespace penpal {

class AppContext;
class ProfileEditor;

// Provider profiles: a list on the left, the selected one's form on the right. Changes are
// saved with OK/Apply; API keys go to the keychain, everything else to settings.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(AppContext *ctx, QWidget *parent = nullptr);

    ProfileEditor *editor() const { return m_editor; }
    QListWidget *profileList() const { return m_list; }

public Q_SLOTS:
    void addProfile();
    void removeProfile();
    bool apply();
    void accept() override;

private:
    void reloadList(const QString &selectId);
    void selectRow(int row);

    AppContext *m_ctx;
    QListWidget *m_list;
    ProfileEditor *m_editor;
    QString m_currentId; // "" while a new profile is being made
};

} // namespace penpal
