"""Beat schedules: the simulator runs a task once, so a schedule only describes when."""


class schedule:
    def __init__(self, run_every=None, relative=False, nowfun=None, app=None):
        self.run_every = run_every


class crontab(schedule):
    def __init__(self, minute="*", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", **kwargs):
        self.minute, self.hour, self.day_of_week = minute, hour, day_of_week
        self.day_of_month, self.month_of_year = day_of_month, month_of_year


class solar(schedule):
    def __init__(self, event, lat, lon, **kwargs):
        self.event, self.lat, self.lon = event, lat, lon
