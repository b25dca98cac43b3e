#pragma once

#include <QWidget>

namespace penpal {

class AppContext;

// Settings → Chats: how conversations behave. Each change is saved at once, like the other
// settings pages that have no profile to edit.
class ChatsPage : public QWidget {
    Q_OBJECT
public:
    explicit ChatsPage(AppContext *ctx, QWidget *parent = nullptr);
};

} // namespace penpal
