#pragma once

#include "sandbox/sandboxhttp.h"

#include <optional>

namespace fmc::sandbox {

class Sandbox;

//! \brief The admin endpoint under /_sandbox/ (JSON): faults, clock, capacities, LRO mode,
//! tokens, reset and the request log, for tests and scripts that drive a running fabric-sandbox.
class SandboxAdmin
{
public:
    explicit SandboxAdmin(Sandbox *sandbox);
    //! Answers \a request if it is an admin path; std::nullopt otherwise.
    std::optional<SandboxResponse> handle(const SandboxRequest &request);

private:
    Sandbox *m_sandbox;
};

} // namespace fmc::sandbox
