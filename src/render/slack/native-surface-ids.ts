/** action_id, block_id and callback_id of the picker, the subscribe modal and App Home; the Slack adapter routes on them. */
export const NATIVE_SURFACE_IDS = {
  /** The campaign picker (external_select) under the help and on the subscribe modal. */
  pickCampaign: 'pick_campaign',
  pickerBlock: 'campaign_picker',
  pickerOverview: 'picker_overview',
  pickerCalls: 'picker_calls',
  pickerUsage: 'picker_usage',
  pickerSubscribe: 'picker_subscribe',
  /** The menu of a `list` answer: one of the listed campaigns, for its overview. */
  openListedCampaign: 'open_listed_campaign',
  subscribeModal: 'subscribe_modal',
  subscribeChannelBlock: 'subscribe_channel',
  subscribeChannel: 'channel',
  subscribeTargetBlock: 'subscribe_target',
  pickSubscribeTarget: 'pick_subscribe_target',
  subscribeOptionsBlock: 'subscribe_options',
  subscribeOptions: 'options',
  homeUnsubscribe: 'home_unsubscribe',
  homeOpenReport: 'home_open_report',
} as const;
