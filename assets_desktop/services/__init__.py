"""Workflows the UI calls, combining api and store; progress through callbacks. No widgets.

Plain coroutines, safe to await from a qasync slot; cancel the task to stop one. Each takes an
optional `progress: Callable[[Progress], None]` (`progress.Progress(stage, detail, fraction)`;
the workflows in their `WorkflowContext`) and raises only typed errors carrying `user_message`
(`api.errors.PlaidError`, `services.errors.WorkflowError`, `environment.EnvironmentSetupError`,
store errors).

- `environment.save_keys(secrets, name, client_id, secret)`; `await environment.connect(name,
  secrets, base_url=None)` -> `ConnectedEnvironment` (client + loopback webhook receiver for
  `local`); `await env.aclose()` at exit.
- The Item, report and sharing workflows take a `WorkflowContext(env, library, progress=None)`
  (`environment`) first.
  `items.add_sandbox_item(ctx, institution_id=, username=, password=, loan_file_id=)` ->
  ItemRecord; `items.add_items_by_hosted_link(ctx, client_user_id=, show_url=)` ->
  [ItemRecord]; `items.import_access_token(ctx, access_token)` -> ItemRecord;
  `items.remove_item(ctx, item_id)`.
- `reports.create_report_and_wait(ctx, loan_file_id=, item_ids=, days_requested=, user=None)`
  -> ReportRecord; `reports.refresh_report_and_wait(ctx, report_id)`;
  `reports.filter_report_and_wait(ctx, report_id, account_ids_to_exclude)`;
  `reports.wait_and_store(ctx, report_id)` (resume a wait); `reports.download_pdf(ctx,
  report_id)`; `reports.remove_report(ctx, report_id)`; `reports.create_audit_copy(ctx,
  report_id, auditor)` (fannie_mae | freddie_mac | ocrolus); `reports.remove_audit_copy(ctx,
  audit_copy_id)`. The `*_and_wait` workflows and `wait_and_store` take `wait=WaitPolicy(...)`
  (timeout, the polling-interval setting, webhook-only waits, PDF or not, insights).
- `sharing`: the GSE token and Credit Relay (`create_gse_token(ctx, report_id)`, …).
- `workspace.Workspace(library, secrets, env, environment, rules)`: the window's one model (Qt-
  free). Typed inputs (`workspace_inputs`), every library and keyring call on the one store thread
  (`store_executor`, through `workspace_store`), typed change events (`workspace_events`) to its
  subscribers; the network workflows above with the settings applied as `workspace.plaid`. The UI
  imports `api` and `store` only through here (import-linter).
- `settings`: the settings types, `has_keys` / `forget_keys`, `WorkspaceRules.of(settings)`.
"""
