#pragma once

#include <QSortFilterProxyModel>

namespace fmc {

//! \brief The mirrored databases the main window shows: those of one workspace (or of all),
//! whose name, workspace or status contains the filter text; sorted by the raw values
//! (UnderlyingDataRole), with a status icon in the Status column.
class DatabaseFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DatabaseFilterModel(QObject *parent = nullptr);

    //! Shows only \a workspaceId's databases; an empty id shows every workspace's.
    void setWorkspaceId(const QString &workspaceId);
    QString workspaceId() const { return m_workspaceId; }
    void setText(const QString &text);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_workspaceId;
    QString m_text;
};

} // namespace fmc
