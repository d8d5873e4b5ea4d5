"""URL converters that accept only values the database can look up, so nonsense is a 404."""


class IssueNumberConverter:
    regex = "[0-9]{1,6}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        year = int(value)
        if year < 1:
            raise ValueError("There is no year 0.")
        return year

    def to_url(self, value):
        return f"{int(value):04d}"


class MonthConverter:
    regex = "0?[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"
