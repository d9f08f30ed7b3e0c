#pragma once

#include "app/sqlendpoint/sqlendpointrefresher.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace fmc {

//! \brief The per-table result of a SQL endpoint metadata refresh: status, start and end, the
//! last successful sync and the error, failures first. Text from the service is shown plain.
class SqlEndpointResultDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SqlEndpointResultDialog(QWidget *parent = nullptr);

    void setResult(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result);
    QTableWidget *table() const { return m_table; }

private:
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace fmc
