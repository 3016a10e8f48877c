'use client';
// The photo of a pet form. Without JavaScript it is a plain file input: the file travels inside
// the form and takes the server's checks. With it: the contract's type and size checks before
// anything else, a preview at once, the picture shrunk in the browser and uploaded straight to
// storage with a progress bar, Cancel, and Retry with a fresh signed URL; the form then submits
// only the resulting `storagePath`. A photo being prepared or uploaded is published at once (not
// after a render) as a promise of its storage path, so a submit at that moment waits for it.
import { useEffect, useId, useRef, useState, useSyncExternalStore, type DragEvent, type RefObject } from 'react';
import { generateImageUploadUrl } from '@/actions/upload';
import { Button, buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { IMAGE_MESSAGES, imageFileProblem } from '@/lib/validations/rules';
import { putWithProgress, shrinkImage, UploadError } from './image-upload';

type Upload =
  | { status: 'none' }
  | { status: 'preparing'; preview: string; name: string }
  | { status: 'uploading'; preview: string; name: string; progress: number }
  | { status: 'uploaded'; preview: string; name: string; storagePath: string }
  | { status: 'failed'; preview: string; name: string; message: string; blob: Blob };

/**
 * The photo on its way to storage: resolves to its storage path, or to null when it did not get
 * there (refused, failed, cancelled, or replaced by another photo — which is then the pending one).
 */
export type UploadInFlight = Promise<string | null>;

type PhotoFieldProps = {
  /** The pet's current photo (edit form), if it has one. */
  currentUrl?: string | null;
  /** Messages from the server for the image field. */
  errors?: string[];
  /** Tells the form an upload is in flight (its submit button is disabled meanwhile). */
  onBusyChange: (busy: boolean) => void;
  /** Set from the moment a photo is chosen until it is uploaded or given up: the form's submit reads it. */
  pendingPhotoRef: RefObject<UploadInFlight | null>;
};

const neverChanges = () => () => {};

const FAILED_MESSAGE = 'The upload did not finish: the connection was lost or the upload link expired.';

export function PhotoField({ currentUrl, errors, onBusyChange, pendingPhotoRef }: PhotoFieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const settlePendingRef = useRef<((storagePath: string | null) => void) | null>(null);
  /** Counts choices (and cancels): a picture still shrinking when another is chosen is dropped. */
  const choiceRef = useRef(0);
  const [upload, setUpload] = useState<Upload>({ status: 'none' });
  const [problem, setProblem] = useState<string | null>(null);
  const [removeCurrent, setRemoveCurrent] = useState(false);
  const [dragging, setDragging] = useState(false);

  // Server-rendered (no JavaScript yet) the input sends the file with the form; once the page is
  // interactive the photo goes up by itself and the form carries only `storagePath`.
  const hydrated = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  const busy = upload.status === 'preparing' || upload.status === 'uploading';
  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);
  // Preview URLs hold the picture in memory until revoked.
  const preview = upload.status === 'none' ? null : upload.preview;
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  /** Publishes a pending photo (synchronously, before any await), unless one is open already. */
  function beginPending() {
    if (settlePendingRef.current) return;
    const promise = new Promise<string | null>((resolve) => {
      settlePendingRef.current = (storagePath) => {
        settlePendingRef.current = null;
        if (pendingPhotoRef.current === promise) pendingPhotoRef.current = null;
        resolve(storagePath);
      };
    });
    pendingPhotoRef.current = promise;
  }

  function settlePending(storagePath: string | null) {
    settlePendingRef.current?.(storagePath);
  }

  async function send(blob: Blob, name: string, previewUrl: string) {
    beginPending();
    const controller = new AbortController();
    abortRef.current = controller;
    setUpload({ status: 'uploading', preview: previewUrl, name, progress: 0 });
    const signed = await generateImageUploadUrl({ filename: name, fileType: blob.type, fileSize: blob.size });
    if (controller.signal.aborted) return;
    if (!signed.success || !signed.uploadUrl || !signed.storagePath) {
      setUpload({
        status: 'failed',
        preview: previewUrl,
        name,
        blob,
        message: signed.message ?? IMAGE_MESSAGES.uploadFailed,
      });
      settlePending(null);
      return;
    }
    try {
      await putWithProgress(
        signed.uploadUrl,
        signed.headers ?? { 'content-type': blob.type },
        blob,
        (progress) => setUpload((current) => (current.status === 'uploading' ? { ...current, progress } : current)),
        controller.signal,
      );
      setUpload({ status: 'uploaded', preview: previewUrl, name, storagePath: signed.storagePath });
      settlePending(signed.storagePath);
    } catch (error) {
      if (error instanceof UploadError && error.reason === 'aborted') return;
      setUpload({ status: 'failed', preview: previewUrl, name, blob, message: FAILED_MESSAGE });
      settlePending(null);
    }
  }

  async function choose(file: File | undefined) {
    // The file goes up by itself; the form must not carry it a second time.
    if (inputRef.current) inputRef.current.value = '';
    if (!file) return;
    const choice = ++choiceRef.current;
    abortRef.current?.abort();
    // The photo chosen before this one is given up; this one is what a submit must wait for.
    settlePending(null);
    const fileProblem = imageFileProblem(file);
    setProblem(fileProblem);
    if (fileProblem) {
      setUpload({ status: 'none' });
      return;
    }
    beginPending();
    const previewUrl = URL.createObjectURL(file);
    setUpload({ status: 'preparing', preview: previewUrl, name: file.name });
    const shrunk = await shrinkImage(file);
    if (choice !== choiceRef.current) return;
    if (!shrunk) {
      setProblem(IMAGE_MESSAGES.invalid);
      setUpload({ status: 'none' });
      settlePending(null);
      return;
    }
    await send(shrunk, file.name, previewUrl);
  }

  function cancel() {
    choiceRef.current++;
    abortRef.current?.abort();
    setUpload({ status: 'none' });
    settlePending(null);
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  }

  const shownErrors = problem
    ? [problem]
    : upload.status === 'none' || upload.status === 'uploaded'
      ? errors
      : undefined;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const shownPhoto = preview ?? (removeCurrent ? null : currentUrl);

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-stone-800">Photo (optional)</legend>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        className={cn(
          'flex flex-col gap-4 rounded-xl border-2 border-dashed p-4 sm:flex-row sm:items-center',
          dragging ? 'border-brand-600 bg-brand-50' : 'border-stone-300 bg-stone-50',
        )}
      >
        <div className="size-28 shrink-0 overflow-hidden rounded-lg bg-stone-200">
          {shownPhoto ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local preview (blob:) or a signed URL
            <img src={shownPhoto} alt="Selected photo preview" className="size-full object-cover" />
          ) : (
            <div className="grid size-full place-items-center text-xs text-stone-700">No photo</div>
          )}
        </div>
        <div className="min-w-0 flex-1 space-y-2">
          {/* Once interactive, the native input hides behind a button-like label (whose focus ring
              follows the input), so "No file chosen" never contradicts "Photo uploaded". */}
          <input
            ref={inputRef}
            id={id}
            name={hydrated ? undefined : 'image'}
            type="file"
            accept="image/jpeg,image/png"
            aria-describedby={[hintId, shownErrors?.length ? errorId : null].filter(Boolean).join(' ')}
            aria-invalid={Boolean(shownErrors?.length)}
            onChange={(event) => void choose(event.target.files?.[0])}
            className={hydrated ? 'peer sr-only' : 'file-input'}
          />
          <label
            htmlFor={id}
            className={hydrated ? cn(buttonVariants({ variant: 'secondary', size: 'sm' }), 'file-button') : 'sr-only'}
          >
            {shownPhoto ? 'Choose a photo (another one)' : 'Choose a photo'}
          </label>
          <p id={hintId} className="text-sm text-stone-600">
            JPEG or PNG, up to 20 MB{hydrated ? '. You can also drop it here.' : '.'}
          </p>
          {upload.status === 'preparing' ? <p className="text-sm text-stone-600">Preparing {upload.name}…</p> : null}
          {upload.status === 'uploading' ? (
            <div className="flex items-center gap-3">
              <div
                role="progressbar"
                aria-label={`Uploading ${upload.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(upload.progress * 100)}
                className="h-2 flex-1 overflow-hidden rounded-full bg-stone-200"
              >
                <div
                  className="h-full bg-brand-600 transition-[width]"
                  style={{ width: `${Math.round(upload.progress * 100)}%` }}
                />
              </div>
              <span className="w-10 text-right text-sm tabular-nums text-stone-700">
                {Math.round(upload.progress * 100)}%
              </span>
              <Button type="button" variant="ghost" size="sm" onClick={cancel}>
                Cancel
              </Button>
            </div>
          ) : null}
          {upload.status === 'uploaded' ? (
            <p className="flex items-center gap-3 text-sm text-brand-900">
              <span role="status">Photo uploaded.</span>
              <Button type="button" variant="ghost" size="sm" onClick={cancel}>
                Remove
              </Button>
            </p>
          ) : null}
          {upload.status === 'failed' ? (
            <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-800">
              <span>{upload.message}</span>
              <Button
                type="button"
                variant="secondary"
                size="sm"
                onClick={() => void send(upload.blob, upload.name, upload.preview)}
              >
                Retry
              </Button>
              <Button type="button" variant="ghost" size="sm" onClick={cancel}>
                Cancel
              </Button>
            </div>
          ) : null}
          {currentUrl && upload.status === 'none' ? (
            <label className="flex items-center gap-2 text-sm text-stone-700">
              <input
                type="checkbox"
                name="removeImage"
                value="true"
                checked={removeCurrent}
                onChange={(event) => setRemoveCurrent(event.target.checked)}
                className="size-4 accent-brand-700"
              />
              Remove the current photo
            </label>
          ) : null}
        </div>
      </div>
      {upload.status === 'uploaded' ? <input type="hidden" name="storagePath" value={upload.storagePath} /> : null}
      <div id={errorId} aria-live="polite" className="text-sm font-medium text-red-700 empty:hidden">
        {shownErrors?.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </div>
    </fieldset>
  );
}
