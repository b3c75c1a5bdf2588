#pragma once
// The hub's order desk: what the published updates mean for SQLite and for the teams. Alert
// steps and dispatch orders are stored as rows beside the event log (a write that fails is
// tried again each tick), and teams' handhelds are sent their new orders and withdrawals.
#include "hub_context.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace platslage {

class OrderDesk {
public:
    explicit OrderDesk(HubContext& hub) : hub_(hub) {}

    // Stores the alert steps and orders these updates touched, and tells teams of new and
    // withdrawn orders.
    void take(const std::vector<Update>& updates);
    // Every alert's and order's rows, again: at start, and after a write that failed.
    void store_all();
    // At a tick: again what failed to store.
    void retry_unstored() {
        if (unstored_) store_all();
    }
    void resend_open_orders();
    bool unstored() const { return unstored_; }

private:
    // Stores the alert steps not stored yet of the alerts these updates touched.
    void store_alert_steps(const std::vector<Update>& updates);
    // Stores the orders these updates touched, and tells teams of new and withdrawn ones.
    void store_and_send_orders(const std::vector<Update>& updates);
    void send_order(const Dispatch& d);
    void send_withdrawal(const Dispatch& d);

    HubContext& hub_;
    std::map<std::string, std::size_t> steps_stored_; // per alert: how many steps are in SQLite
    std::set<std::string> told_; // orders whose team has been sent them and not told of a withdrawal
    bool unstored_ = false;      // alert steps or orders failed to store: try again each tick
};

} // namespace platslage
