"""The citizen's URLs: filing, the receipt, the tracking link and its actions, "my appeals"."""

from django.urls import path

from ratusha.appeals import views_citizen as views

urlpatterns = [
    path("new/", views.choose_body, name="new"),
    path("new/<str:code>/", views.new_appeal, name="new-for-body"),
    path("receipt/<str:number>/<str:token>/", views.receipt, name="receipt"),
    path("track/<str:number>/<str:token>/", views.track, name="track"),
    path("track/<str:number>/<str:token>/rate/", views.rate, name="rate"),
    path("track/<str:number>/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("track/<str:number>/<str:token>/complain/", views.complain, name="complain"),
    path("track/<str:number>/<str:token>/stop-sms/", views.stop_sms, name="stop-sms"),
    path("track/<str:number>/<str:token>/reply/", views.reply, name="reply"),
    path("track/<str:number>/<str:token>/add/", views.add_information, name="add-information"),
    path("mine/", views.mine, name="mine"),
]
