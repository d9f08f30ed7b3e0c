#pragma once

#include "app/api/httpheaders.h"

#include <QDateTime>

#include <chrono>
#include <optional>
#include <random>

namespace fmc {

//! \brief How often and how long FabricClient retries, as data (Azure SDK defaults).
//! Retry n (n = 1..maxRetries) waits a uniformly jittered delay in
//! [jitterMin·dₙ, jitterMax·dₙ] with dₙ = min(baseDelay·2ⁿ⁻¹, maxDelay), unless the server
//! named a delay (Retry-After), which always wins.
struct RetryPolicy {
    int maxRetries = 3;
    std::chrono::milliseconds baseDelay{800};
    std::chrono::milliseconds maxDelay{60'000};
    double jitterMin = 0.8;
    double jitterMax = 1.3;
    //! A single HTTP exchange that takes longer is abandoned (and retried when that is safe).
    std::chrono::milliseconds perTryTimeout{30'000};
    //! One call (one page, one LRO poll), including all its retries and waits, ends by then.
    std::chrono::milliseconds overallDeadline{120'000};
    //! A Retry-After above this is not slept through: the call fails with Throttled.
    std::chrono::milliseconds maxRetryAfter{60'000};
    //! A list call that would need more pages than this ends with PagingLoop.
    int maxPages = 1000;
    //! A long-running operation still running after this ends with StillRunning.
    std::chrono::milliseconds operationLimit{30 * 60'000};
    //! Wait between LRO polls when the server sends no Retry-After, and its clamp.
    std::chrono::milliseconds operationPollDefault{10'000};
    std::chrono::milliseconds operationPollMin{1'000};
    std::chrono::milliseconds operationPollMax{60'000};

    //! dₙ, before jitter; \a retry counts from 1.
    std::chrono::milliseconds nominalDelay(int retry) const;
    //! dₙ with jitter drawn from \a rng.
    std::chrono::milliseconds delay(int retry, std::mt19937 &rng) const;
    //! The LRO poll wait for a server value (or its absence), clamped.
    std::chrono::milliseconds operationPollDelay(std::optional<std::chrono::milliseconds> serverValue) const;
};

//! \brief The delay a response asks for, read in the order `retry-after-ms`,
//! `x-ms-retry-after-ms`, `Retry-After` (integer seconds or an HTTP-date relative to \a nowUtc).
//! Invalid or negative values count as absent (the caller then uses its backoff).
std::optional<std::chrono::milliseconds> parseRetryAfter(const HttpHeaders &headers,
                                                         const QDateTime &nowUtc = QDateTime::currentDateTimeUtc());

} // namespace fmc
