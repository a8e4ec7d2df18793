"""Admin uploads, imported by the worker: files kept in storage, a report line per story.

A request only stores the files (``STORAGES["imports"]``, shared by every app server and
the worker) and queues the batch; the worker reads them back and imports each story in
its own transaction together with its report line and the batch's progress. A run that
dies leaves exactly the finished stories reported, so running the batch again starts at
the first story without a line. The files are deleted once the batch is done and kept
while it is not, so a stopped batch can be resumed.
"""

import uuid
from collections.abc import Iterable
from pathlib import Path

from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ingest.errors import RefusedFile
from ingest.importer import ImportResult, import_item, read_items, read_limited, refuse_oversize
from ingest.models import ImportBatch, ImportFile, ImportLine
from ingest.records import SkippedItem, StoryRecord

Item = StoryRecord | SkippedItem | RefusedFile


class Superseded(Exception):
    """Another run has taken the batch over (this one was presumed dead and resumed)."""


def imports_storage():
    return storages["imports"]


def keep_files(uploaded: Iterable[UploadedFile]) -> list[ImportFile]:
    """Keep each file in the imports storage; return their rows, for the caller's batch.

    A file over the size limit is not kept: the worker reports it refused without reading it.
    """
    files = []
    try:
        for position, upload in enumerate(uploaded, start=1):
            name, size = upload.name or "upload", upload.size or 0
            file = ImportFile(position=position, name=name, size=size)
            try:
                refuse_oversize(file.size)
            except RefusedFile:
                pass
            else:
                name = f"{uuid.uuid4().hex}/{get_valid_filename(file.name)}"
                file.stored_name = imports_storage().save(name, upload)
            files.append(file)
    except BaseException:
        discard_files(files)
        raise
    return files


def discard_files(files: Iterable[ImportFile]) -> None:
    """Delete the files' copies from the imports storage (the rows are the caller's)."""
    storage = imports_storage()
    for file in files:
        if file.stored_name:
            storage.delete(file.stored_name)


def run_batch(batch_id: int) -> str:
    """Import what is left of a batch; the outcome line the worker records."""
    batch = ImportBatch.objects.select_related("source", "created_by").get(pk=batch_id)
    if batch.status == ImportBatch.Status.DONE:
        return f"upload {batch.pk}: already done"
    run = batch.start()
    try:
        plan = [(file, _read(file, format=batch.format)) for file in batch.files.all()]
        for file, items in plan:
            ImportFile.objects.filter(pk=file.pk).update(item_count=len(items))
            file.item_count = len(items)
        if not batch.count(sum(len(items) for _file, items in plan), run=run):
            raise Superseded
        reported = set(ImportLine.objects.filter(file__batch=batch).values_list("file_id", "index"))
        for file, items in plan:
            for index, item in enumerate(items, start=1):
                if (file.pk, index) not in reported:
                    _import(batch, file, index, item, run=run)
        if not batch.finish(run=run):
            raise Superseded
    except Superseded:
        return f"upload {batch.pk}: taken over by a newer run"
    except BaseException as exc:  # Even an interrupted worker says where it stopped.
        batch.stop(f"{type(exc).__name__}: {exc}", run=run)
        raise
    discard_files(file for file, _items in plan)
    batch.files.update(stored_name="")
    return f"upload {batch.pk}: done"


def _read(file: ImportFile, *, format: str) -> list[Item]:
    """The file's stories, or the one reason it is refused."""
    try:
        refuse_oversize(file.size)
        try:
            with imports_storage().open(file.stored_name, "rb") as stream:
                data = read_limited(stream)
        except OSError as exc:
            raise RefusedFile(
                _("The uploaded file cannot be read from storage: %(error)s") % {"error": exc}
            ) from None
        return read_items(data, format=format or None)
    except RefusedFile as exc:
        return [exc]


def _import(batch: ImportBatch, file: ImportFile, index: int, item: Item, *, run) -> None:
    """One story, its report line and the batch's progress: all three, or none."""
    path = Path(file.name)
    with transaction.atomic():
        # First, so the batch's row lock keeps a run presumed dead from writing beside this one.
        if not batch.advance(run=run):
            raise Superseded
        if isinstance(item, RefusedFile):
            result = ImportResult("refused", path, str(item))
        else:
            number = index if file.item_count > 1 else None
            result = import_item(
                item, path, source=batch.source, number=number, by=batch.created_by
            )
        ImportLine.objects.create(
            file=file,
            index=index,
            outcome=result.outcome,
            detail=result.detail,
            story=result.story,
        )
