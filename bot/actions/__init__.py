"""Custom actions of the Jobvej assistant, split by skill.

The Rasa action server (`scripts/bot.sh actions`, i.e. `rasa run actions
--actions actions` with bot/ as working directory) imports every module of this
package and registers each `rasa_sdk.Action` subclass it finds.

Modules:
    languages     supported languages and normalisation (no Rasa imports)
    language      action_set_language: metadata.language -> slot `language`
    portal_client the ONLY module that talks HTTP to the portal API
    topics        TOPIC_IDS and action_answer_topic
"""
