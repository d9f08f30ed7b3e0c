#include "databasefiltermodel.h"

#include "models/mirroreddatabaselistmodel.h"
#include "models/mirroringhealth.h"
#include "models/modelroles.h"

#include <QApplication>
#include <QStyle>

namespace fmc {

DatabaseFilterModel::DatabaseFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UnderlyingDataRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Status changes re-sort and re-filter row by row; the view keeps selection and scroll.
    setDynamicSortFilter(true);
}

void DatabaseFilterModel::setWorkspaceId(const QString &workspaceId)
{
    if (m_workspaceId == workspaceId)
        return;
    m_workspaceId = workspaceId;
    invalidateFilter();
}

void DatabaseFilterModel::setText(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateFilter();
}

bool DatabaseFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (!m_workspaceId.isEmpty()
        && first.data(MirroredDatabaseListModel::WorkspaceIdRole).toString() != m_workspaceId)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {MirroredDatabaseListModel::Name, MirroredDatabaseListModel::Workspace,
                       MirroredDatabaseListModel::Health}) {
        if (source->index(sourceRow, column, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QVariant DatabaseFilterModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == MirroredDatabaseListModel::Health
        && !index.data(Qt::DisplayRole).toString().isEmpty()) {
        QStyle *style = QApplication::style();
        switch (MirroringHealth::Level(index.data(MirroredDatabaseListModel::HealthLevelRole).toInt())) {
        case MirroringHealth::Failed:
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        case MirroringHealth::Warning:
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case MirroringHealth::Normal:
            break;
        }
        const QString word = index.data(Qt::DisplayRole).toString();
        if (word == QLatin1String("Running"))
            return style->standardIcon(QStyle::SP_DialogApplyButton);
        if (word == QLatin1String("Stopped") || word == QLatin1String("Stopping"))
            return style->standardIcon(QStyle::SP_MediaStop);
        if (word == QLatin1String("Paused"))
            return style->standardIcon(QStyle::SP_MediaPause);
        if (word == QLatin1String("Initializing") || word == QLatin1String("Starting"))
            return style->standardIcon(QStyle::SP_BrowserReload);
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace fmc
