import { z } from 'zod';

const platformErrorSchema = z.object({
  code: z.literal('slack_webapi_platform_error'),
  data: z.object({ error: z.string() }),
});

/** The `error` Slack answered a Web API call with (`message_not_found`, `users_not_found`...), or undefined for any other failure. */
export function slackErrorCode(error: unknown): string | undefined {
  const parsed = platformErrorSchema.safeParse(error);
  return parsed.success ? parsed.data.data.error : undefined;
}
