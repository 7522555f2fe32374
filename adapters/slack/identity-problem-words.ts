import { message, type MessageView } from '../../cards/card-view.js';

/** Why a Slack user could not be matched to exactly one directory user; GroupGate then does nothing for them. */
export type SlackIdentityProblem = 'noEmail' | 'notInDirectory' | 'ambiguous' | 'linkedToAnotherSlackAccount' | 'disabled' | 'lookupFailed';

const nothingDone = 'Nothing was done';

/** What the person is told; the e-mail address itself is never repeated, since replies may be seen in a channel. */
export function identityProblemWords(problem: SlackIdentityProblem): MessageView {
  const says = (text: string) => message([[text]], { tone: 'attention' });
  switch (problem) {
    case 'noEmail':
      return says(`I can't see an e-mail address on your Slack profile, so I can't tell who you are in the directory. ${nothingDone} — ask your Slack admin to check that GroupGate may read e-mail addresses (users:read.email).`);
    case 'notInDirectory':
      return says(`I couldn't find you in the directory: nobody there has the e-mail address on your Slack profile. ${nothingDone} — ask your IT service desk to check your account.`);
    case 'ambiguous':
      return says(`More than one directory account matches your Slack account, so I can't tell which one is you. ${nothingDone} — ask your IT service desk to remove the duplicate.`);
    case 'linkedToAnotherSlackAccount':
      return says(`The directory links your e-mail address to a different Slack account, so I can't act for you. ${nothingDone} — ask your IT service desk.`);
    case 'disabled':
      return says(`Your directory account is disabled, so I can't act for you. ${nothingDone} — ask your IT service desk.`);
    case 'lookupFailed':
      return says(`I couldn't check who you are with Slack just now. ${nothingDone} — please try again in a moment.`);
  }
}
