#pragma once

#include <QSortFilterProxyModel>

namespace fmc {

//! \brief The fleet view's filters: workspace, capacity, item type, source type and health bucket (each
//! empty / -1 for all), on the roles of FleetModel. Sorts by the raw values (Health worst first).
class FleetFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FleetFilterModel(QObject *parent = nullptr);

    void setWorkspaceId(const QString &id);
    void setCapacityId(const QString &id);
    void setSourceType(const QString &type);
    //! int(MirrorItemKind::Kind), or -1 for every type.
    void setKind(int kind);
    //! int(FleetModel::Bucket), or -1 for every bucket.
    void setBucket(int bucket);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    //! \brief Health: the bucket's rank, then the name (case-insensitively), read as they are.
    //! The model's sort text for that column says the same, but building it for both sides of
    //! every comparison made each re-sort while the fleet loads (one per 100 ms) take 7-11 ms.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_workspaceId;
    QString m_capacityId;
    QString m_sourceType;
    int m_kind = -1;
    int m_bucket = -1;
};

} // namespace fmc
