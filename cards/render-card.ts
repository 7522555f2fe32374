import type { SlackMessage } from './adaptive-card.js';
import { approvalBlocks, approvalCard } from './approval-card.js';
import type { CardView } from './card-view.js';
import { licenseAlertBlocks, licenseAlertCard } from './license-alert-card.js';
import { reviewBlocks, reviewCard } from './review-card.js';
import { listBlocks, listCard } from './list-card.js';
import { messageBlocks, messageCard } from './message-card.js';
import { ruleExplanationBlocks, ruleExplanationCard } from './rule-explanation-card.js';
import { rulePreviewBlocks, rulePreviewCard } from './rule-preview-card.js';
import { ruleProposalBlocks, ruleProposalCard } from './rule-proposal-card.js';

/** Any view as an Adaptive Card 1.5 (Teams and the web chat). */
export function toAdaptiveCard(view: CardView): Record<string, unknown> {
  switch (view.kind) {
    case 'message':
      return messageCard(view);
    case 'approval':
      return approvalCard(view);
    case 'list':
      return listCard(view);
    case 'licenseAlert':
      return licenseAlertCard(view);
    case 'rulePreview':
      return rulePreviewCard(view);
    case 'ruleProposal':
      return ruleProposalCard(view);
    case 'ruleExplanation':
      return ruleExplanationCard(view);
    case 'review':
      return reviewCard(view);
  }
}

/** Any view as a Slack message (fallback text and Block Kit blocks). */
export function toBlockKit(view: CardView): SlackMessage {
  switch (view.kind) {
    case 'message':
      return messageBlocks(view);
    case 'approval':
      return approvalBlocks(view);
    case 'list':
      return listBlocks(view);
    case 'licenseAlert':
      return licenseAlertBlocks(view);
    case 'rulePreview':
      return rulePreviewBlocks(view);
    case 'ruleProposal':
      return ruleProposalBlocks(view);
    case 'ruleExplanation':
      return ruleExplanationBlocks(view);
    case 'review':
      return reviewBlocks(view);
  }
}
