from . import test_survey_campaign
