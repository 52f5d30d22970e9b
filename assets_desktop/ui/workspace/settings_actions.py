"""Settings (Ctrl+,): the keyring is read off the UI thread before the dialog opens; saved keys
go to it, forgotten ones leave it, as local writes the window waits for on quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController


def open_settings(controller: WorkspaceController) -> None:
    """Ctrl+,: the dialog opens once the keyring said which keys it holds."""
    workspace = controller.workspace

    def accepted(dialog: SettingsDialog) -> None:
        result = dialog.value()
        new = result.settings

        async def work(_job: Job) -> None:
            await workspace.store_keys(new.environment, result.client_id, result.secret)
            if result.team_password and new.team_server:
                await workspace.store_team_password(new.team_server, result.team_password)

        saved = lambda _r: controller.settings_saved.emit(new)  # noqa: E731
        controller.write("Saving the settings", work, on_success=saved)

    def forget(environment: str) -> None:
        async def work(_job: Job) -> None:
            await workspace.forget_keys(environment)

        controller.write("Forgetting the keys", work)

    def show(stored: dict[str, bool]) -> None:
        dialog = SettingsDialog(
            controller.selection.current_settings(), workspace.secrets, controller.parent_widget,
            workspace.library, active_data_dir=Path(workspace.library.path).parent,
            stored_keys=stored, forget=forget,
        )  # fmt: skip
        controller.open_dialog(dialog, accepted)

    async def read(_job: Job) -> dict[str, bool]:
        return await workspace.stored_keys()

    controller.read("Reading the keyring", read, on_success=show)
