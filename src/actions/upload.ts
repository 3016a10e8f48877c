'use server';
// The contract's image actions: a signed upload URL (60 s) into the caller's own folder (within the
// account's rate and storage quota), and a signed view URL (1 h) for one of the caller's own images.
import { unstable_rethrow } from 'next/navigation';
import { createImageUpload, createImageViewUrl } from '@/data/images';
import { getSessionUser } from '@/data/session';
import { spendUsageRates, UsageLimitError } from '@/data/usage';
import { logUnexpected } from '@/lib/errors';
import { logSecurityEvent } from '@/lib/logger';
import { uploadRequestSchema } from '@/lib/validations/image';

export type UploadUrlResult = {
  success: boolean;
  uploadUrl?: string;
  storagePath?: string;
  /** Headers the PUT must carry (signed with the URL). */
  headers?: Record<string, string>;
  message?: string;
};
export type SignedUrlResult = { success: boolean; signedUrl?: string; message?: string };

const MESSAGES = {
  unauthorized: 'Unauthorized',
  forbidden: 'You do not have permission to access this image',
  uploadUrlFailed: 'Failed to generate upload URL',
  viewUrlFailed: 'Failed to generate image URL',
} as const;

export async function generateImageUploadUrl(input: {
  filename: string;
  fileType: string;
  fileSize: number;
}): Promise<UploadUrlResult> {
  const user = await getSessionUser();
  if (!user) return { success: false, message: MESSAGES.unauthorized };
  const parsed = uploadRequestSchema.safeParse(input ?? {});
  if (!parsed.success) return { success: false, message: parsed.error.issues[0]?.message ?? MESSAGES.uploadUrlFailed };
  try {
    await spendUsageRates(user, ['uploadUrls']);
    const upload = await createImageUpload(user, parsed.data);
    return { success: true, uploadUrl: upload.uploadUrl, storagePath: upload.storagePath, headers: upload.headers };
  } catch (error) {
    unstable_rethrow(error);
    // Over a rate or the storage quota: the contract's failure shape, nothing handed out.
    if (error instanceof UsageLimitError) return { success: false, message: error.userMessage };
    logUnexpected(error, { action: 'generateImageUploadUrl', userId: user.id });
    return { success: false, message: MESSAGES.uploadUrlFailed };
  }
}

export async function getImageSignedUrl(input: { imagePath: string }): Promise<SignedUrlResult> {
  const user = await getSessionUser();
  if (!user) return { success: false, message: MESSAGES.unauthorized };
  try {
    const signedUrl = await createImageViewUrl(user, String(input?.imagePath ?? ''));
    if (!signedUrl) {
      logSecurityEvent('access.refused', { userId: user.id, reason: 'image outside own folder' });
      return { success: false, message: MESSAGES.forbidden };
    }
    return { success: true, signedUrl };
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'getImageSignedUrl', userId: user.id });
    return { success: false, message: MESSAGES.viewUrlFailed };
  }
}
