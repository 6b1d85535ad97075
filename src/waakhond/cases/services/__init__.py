"""Every write of case handling, one named service per change (see docs/case-handling.md).

Each service is keyword-only and typed, checks access (`waakhond.accounts.access`) and the
workflow table (`waakhond.cases.workflow`), takes a lock on the complaint row, refuses a stale
form (`expected_version`), writes the audit event in the same transaction, appends the status
history on every change of state, refreshes `complaint.next_deadline`, and sends mail only
after commit. Import the module you need, e.g. `from waakhond.cases.services.transitions import
case_transition`; this package imports nothing on purpose.
"""
