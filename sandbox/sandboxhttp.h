#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace fmc::sandbox {

//! One HTTP request as the emulator's handlers see it (decoupled from QtHttpServer so that the
//! Fabric API and the Entra ID endpoints can be written and tested apart).
struct SandboxRequest {
    QByteArray method;                              //!< "GET", "POST", ... (upper case)
    QUrl url;                                       //!< as received (path + query)
    QString path;                                   //!< decoded path, e.g. "/v1/workspaces"
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;   //!< names as received
    QByteArray body;
    QHostAddress peer;
    QUrl publicBaseUrl;                             //!< scheme://host:port clients reached us on

    //! Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
};

//! One HTTP response. An empty body is sent with no Content-Type (strict clients and Prism try to
//! parse an empty application/json body and fail).
struct SandboxResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        for (auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                h.second = value;
                return;
            }
        headers.append({name, value});
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
};

} // namespace fmc::sandbox
