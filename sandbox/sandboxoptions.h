#pragma once

#include <QString>
#include <QUrl>
#include <QtGlobal>

namespace fmc::sandbox {

//! How getDefinition / updateDefinition answer: 202 + operation, 200 at once, or either at random.
enum class LroMode { Random, Always, Never };

//! Everything fabric-sandbox can be started with; the command line maps onto it one to one.
struct SandboxOptions {
    quint32 seed = 1;                 //!< ids, catalogues, rates and random choices derive from it
    double speed = 1.0;               //!< sandbox seconds per wall-clock second
    bool startPaused = false;         //!< the clock stands still until resumed (advance still moves it)
    int pageSize = 100;               //!< items per page of every paged list
    LroMode lroMode = LroMode::Random;
    int lroRetryAfterSeconds = 1;     //!< Retry-After on 202 and on running operation states; < 0: none
    int lroDurationMs = 3000;         //!< sandbox time an operation takes to end; < 0: runs forever
    QString lroEndStatus;             //!< how operations end: empty = Succeeded, else e.g. Failed, Undefined
    int provisioningMs = 15000;       //!< Initializing → Initialized (SQL endpoint provisioning)
    int startingMs = 5000;            //!< Starting → Running
    int stoppingMs = 3000;            //!< Stopping → Stopped
    int tableLimit = 500;             //!< mirror-all takes at most this many source tables
    bool demoData = true;             //!< a few workspaces, connections and mirrors in many states
    int scaleWorkspaces = 0;          //!< > 0: generate this many extra workspaces with mirrors
    //! Mirrors among the scaleWorkspaces, spread evenly (the others are empty); < 0: one in each.
    int scaleMirrors = -1;
    QString stateFile;                //!< JSON file to load at start and save after every change
    QUrl publicBaseUrl;               //!< base of Location / continuationUri; empty: per request
    QUrl foreignBaseUrl;              //!< origin handed out by the "foreign location" fault
    bool requireAuth = true;          //!< /v1 needs a bearer token issued by the Entra emulator
    int tokenLifetimeSeconds = 3600;
    //! 0: `POST /catalog/search` answers; 403 or 404: refused as a tenant without the preview
    //! feature is (the console then lists each workspace instead).
    int catalogSearchRefusal = 0;
    //! The Entra tenant id the emulator issues tokens for; empty: its default. Two sandboxes
    //! with different ids play two tenants (profiles, promote).
    QString tenantId;
};

} // namespace fmc::sandbox
