// Pet photos in the DAL (ADR 0008, 0016; docs/architecture.md, Images): signed URLs for the caller's
// own folder only (urls.ts), the checks of a submitted photo in the request (accept.ts), the job's
// decode and re-encode (render.ts), and removing objects (objects.ts).
export { imageObjects, isOwnImagePath, thumbnailPathOf, UPLOAD_URL_SECONDS } from '../image-keys';
export { acceptPhoto, ImageRejectedError, type AcceptedPhoto, type ImageSource } from './accept';
export { consumeUpload, deleteImageObjects } from './objects';
export { PhotoDecodeError, renderPendingPhoto, type StoredImage } from './render';
export { createImageUpload, createImageViewUrl, serveLocalStorage, signedUrlsFor, VIEW_URL_SECONDS } from './urls';
