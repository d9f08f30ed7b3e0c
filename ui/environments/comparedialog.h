#pragma once

#include "app/environments/environmenttarget.h"
#include "models/definitioncomparison.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTreeWidget;
class QVBoxLayout;

namespace fmc {

class DefinitionComparer;
class EnvironmentPicker;

//! \brief Compare two definitions (issue #21): two pickers (any signed-in tenant, workspace and
//! mirrored database, or a `mirroring.json` file on the right), then the semantic summary (what
//! differs, in the user's terms, tables only on one side) above the aligned text diff.
//! Reading runs in DefinitionComparer: progress shows, Cancel stops it, the window never blocks.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(const EnvironmentTargets &targets, QWidget *parent = nullptr);

    EnvironmentPicker *left() const { return m_left; }
    EnvironmentPicker *right() const { return m_right; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *cancelButton() const { return m_cancel; }
    QTreeWidget *summaryView() const { return m_summary; }
    //! The diff table of the last comparison, nullptr before one.
    QTableWidget *diffView() const { return m_diff; }
    QLabel *statusLabel() const { return m_status; }

private:
    void startCompare();
    void showComparison(const DefinitionComparison &comparison);
    void showStatus(const QString &text, bool error);
    void updateButtons();

    EnvironmentPicker *m_left = nullptr;
    EnvironmentPicker *m_right = nullptr;
    DefinitionComparer *m_comparer = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_summary = nullptr;
    QTableWidget *m_diff = nullptr;
    QVBoxLayout *m_diffHolder = nullptr;
};

} // namespace fmc
