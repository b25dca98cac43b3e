#pragma once

#include <QAccessibleWidget>
#include <QHash>

namespace penpal {

class ChatView;

// Screen reader access to the thread. ChatView paints its messages itself, so Qt knows
// nothing about them: this presents the view as a list whose items are the messages (name:
// who wrote it; value: the text; description: state and footer), each with the actions its
// buttons offer (Copy, Regenerate, Previous version, ...).
class ChatViewAccessible : public QAccessibleWidget {
public:
    explicit ChatViewAccessible(ChatView *view);
    ~ChatViewAccessible() override;

    // Registers the factory that gives every ChatView this interface (once per process).
    static void install();

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;

private:
    ChatView *view() const;
    mutable QHash<qint64, QAccessible::Id> m_children; // by message id
};

} // namespace penpal
